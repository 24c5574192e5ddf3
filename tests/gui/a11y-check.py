#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a screen reader gets from Một Cửa, read through AT-SPI (pyatspi, as Orca reads it).

    a11y-check.py PID [WINDOW-TITLE…]

Walks every window shown by process PID (or only those whose title contains one of the
WINDOW-TITLEs) and prints one line per problem:
  - an interactive element (a button, an entry, a row a user can move to…) with no name, or
    named after its widget type ("GtkListItemWidget"), or whose name says the same thing twice
    ("Retry Retry", "_Retry Retry") or keeps a mnemonic's underscore ("_Retry");
  - a window other than the main one that is not exposed as a dialog, or named after its type.
Prints "# row: NAME" for each row of a table (what a reader says of a queue row), for the test
to compare with the dossier it shows.
Exits 1 when there is a problem, 0 otherwise (and 77 when AT-SPI cannot be reached)."""

import re
import sys
import time

try:
    import pyatspi
except ImportError:
    print("# pyatspi (python3-pyatspi) is not installed")
    sys.exit(77)

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_LINK, pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_TEXT,
    pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_ROW, pyatspi.ROLE_TREE_ITEM,
}
# Roles a user reaches with Tab or the arrows only when they can take the focus (a text view
# is a place to type; a label is not a "text" in GTK 4).
FOCUS_ONLY = {pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_ROW, pyatspi.ROLE_TREE_ITEM, pyatspi.ROLE_TEXT}
TYPE_NAME = re.compile(r"^(Gtk|Adw|Mc)[A-Z]\w*$")
# "_Cancel": a word that begins with the underscore of a mnemonic (a reader says "underscore").
MNEMONIC = re.compile(r"(^|\s)_\w")
MAIN_WINDOW = re.compile(r"^Một Cửa( — .*)?$")


def find_app(pid, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                pass
        time.sleep(0.2)
    return None


def doubled(name):
    """"Cancel Cancel", and "_Cancel Cancel" too: GTK 4.8 names a button by its label's mnemonic
    text ("_Cancel") and again by the label it is labelled by ("Cancel")."""
    words = name.replace("_", "").split()
    half = len(words) // 2
    return len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]


def path_of(node):
    parts = []
    while node is not None and len(parts) < 6:
        try:
            parts.append(f"{node.getRoleName()}:{node.name or '?'}")
            node = node.parent
        except Exception:
            break
    return " < ".join(parts)


def described(node):
    """What helps to find the widget: its children and what labels it."""
    try:
        children = [f"{c.getRoleName()}:{c.name or '?'}" for c in node]
        labels = [f"{r.getTarget(i).getRoleName()}:{r.getTarget(i).name}"
                  for r in node.getRelationSet() if r.getRelationType() == pyatspi.RELATION_LABELLED_BY
                  for i in range(r.getNTargets())]
    except Exception:
        return ""
    return f" (children {children}, labelled by {labels})"


def check(node, problems, counts, button=None):
    """GTK 4.8 marks every widget "visible" and none "showing" but the windows: the whole
    tree is checked, hidden parts too (a banner that may show)."""
    try:
        states = node.getState()
        role = node.getRole()
    except Exception:
        return
    interactive = role in INTERACTIVE and (role not in FOCUS_ONLY or states.contains(pyatspi.STATE_FOCUSABLE))
    name = (node.name or "").strip()
    if interactive:
        counts[0] += 1
        if role == pyatspi.ROLE_TABLE_ROW and name:
            counts.append(name)   # what a reader says of a row
        if not name or TYPE_NAME.match(name):
            problems.append(f"unnamed {node.getRoleName()}: {path_of(node)}{described(node)}")
        elif doubled(name):
            problems.append(f"doubled name “{name}”: {path_of(node)}{described(node)}")
        elif MNEMONIC.search(name):
            problems.append(f"mnemonic underscore in “{name}”: {path_of(node)}{described(node)}")
        elif button is not None and role in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON):
            problems.append(f"button “{name}” inside button “{button}”: {path_of(node)}")
    if role in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON):
        button = name
    for child in node:
        if child is not None:
            check(child, problems, counts, button)


def showing_windows(app, titles):
    """The windows of @app on screen, (title, window), only those named in @titles if any. GTK 4.8
    says "showing" of the main window only, "visible" of every window shown."""
    found = []
    for window in app:
        if window is None:
            continue
        try:
            states = window.getState()
            title = window.name or ""
        except Exception:
            continue
        if states.contains(pyatspi.STATE_VISIBLE) and (not titles or any(t in title for t in titles)):
            found.append((title, window))
    return found


def main():
    pid = int(sys.argv[1])
    titles = sys.argv[2:]
    app = find_app(pid)
    if app is None:
        print("# no application with that process on the accessibility bus")
        return 77
    # A window just presented reaches the bus a moment later.
    end = time.time() + 30
    windows = showing_windows(app, titles)
    while time.time() < end and len(windows) < max(len(titles), 1):
        time.sleep(0.2)
        windows = showing_windows(app, titles)
    problems = []
    for title, window in windows:
        counts = [0]
        if not MAIN_WINDOW.match(title) and window.getRole() not in (pyatspi.ROLE_DIALOG, pyatspi.ROLE_ALERT):
            problems.append(f"window “{title}” is a {window.getRoleName()}, not a dialog")
        if not title or TYPE_NAME.match(title):
            problems.append(f"window “{title}” ({window.getRoleName()}) has no title of its own")
        check(window, problems, counts)
        print(f"# window “{title}” ({window.getRoleName()}): {counts[0]} interactive elements")
        for row in counts[1:]:
            print(f"# row: {row}")
    if len(windows) < max(len(titles), 1):
        problems.append(f"no window named {', '.join(titles) or 'at all'} to check; the windows: "
                        + ", ".join(f"“{w.name}” ({w.getRoleName()}, {w.getState().getStates()})"
                                    for w in app if w is not None))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
