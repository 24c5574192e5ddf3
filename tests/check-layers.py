#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The layers of src/, checked over the include graph (TAP).

The build already refuses an upward include (each layer's library sees only its own and lower
include directories); this also catches what a relative path ("../sync/…") or a system header
would slip past it, and names the file and line.
"""
import os
import re
import sys
import tempfile

# Each layer and the layers it may include. The order is the picture in the README.
ALLOWED = {
    'core': set(),
    'store': {'core'},
    'secrets': {'core'},
    'sync': {'core', 'store', 'secrets'},
    'accounts': {'core', 'store', 'secrets', 'sync'},
    'sim': {'core'},
    'print': {'core', 'store'},
    'model': {'core', 'store', 'secrets', 'sync', 'accounts', 'sim'},
    'cli': {'core', 'store', 'secrets', 'sync', 'accounts', 'print'},
    'gui': {'core', 'store', 'secrets', 'sync', 'accounts', 'sim', 'print', 'model'},
    # the three programs
    '.': {'core', 'gui', 'cli'},
}
# System headers that belong to one layer (and those above it, where ALLOWED says so).
SYSTEM = {
    'sqlite3.h': 'store',
    'libsoup/soup.h': 'sync',
    'libsecret/secret.h': 'secrets',
    'gtk/gtk.h': 'gui',
    'adwaita.h': 'gui',
    'cairo.h': 'print',
    'pango/pangocairo.h': 'print',
    'qrencode.h': 'print',
}
# The simulator serves HTTP itself, and the GUI draws the forms on its print context.
SYSTEM_ALSO = {'libsoup/soup.h': {'sim'}, 'cairo.h': {'gui'}, 'pango/pangocairo.h': {'gui'}}


def layer_of(rel):
    parts = rel.split('/')
    if len(parts) == 1:
        return '.'
    return parts[0]


def check(root):
    src = os.path.join(root, 'src')
    headers = {}
    files = []
    for d, _, names in os.walk(src):
        for n in names:
            rel = os.path.relpath(os.path.join(d, n), src)
            if n.endswith('.h'):
                headers.setdefault(n, rel)
            if n.endswith(('.c', '.h')):
                files.append(rel)
    problems = []
    for rel in sorted(files):
        me = layer_of(rel)
        with open(os.path.join(src, rel), encoding='utf-8') as f:
            for lineno, line in enumerate(f, 1):
                m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
                if not m:
                    continue
                name = m.group(2)
                if m.group(1) == '"':
                    if name.startswith('../') or '/../' in name:
                        problems.append(f'{rel}:{lineno}: includes "{name}" by a relative path')
                        continue
                    target = headers.get(os.path.basename(name))
                    if target is None:
                        continue  # generated (config.h, resources)
                    other = layer_of(target)
                else:
                    other = SYSTEM.get(name)
                    if other is None or me in SYSTEM_ALSO.get(name, set()):
                        continue
                if other != me and other not in ALLOWED[me]:
                    problems.append(f'{rel}:{lineno}: layer {me} includes {name} of layer {other}')
    return problems


def module_of(name):
    """A file pair and its private header are one module: mc-x.c, mc-x.h, mc-x-private.h."""
    return re.sub(r'(-private)?\.[ch]$', '', os.path.basename(name))


def circles(root):
    """Modules that include each other, directly or through others (Tarjan's components)."""
    src = os.path.join(root, 'src')
    known = set()
    for _, _, names in os.walk(src):
        known.update(n for n in names if n.endswith('.h'))
    graph = {}
    for d, _, names in os.walk(src):
        for n in names:
            if not n.endswith(('.c', '.h')):
                continue
            with open(os.path.join(d, n), encoding='utf-8') as f:
                for m in re.finditer(r'^\s*#\s*include\s*"([^"]+)"', f.read(), re.M):
                    h = os.path.basename(m.group(1))
                    if h in known and module_of(h) != module_of(n):
                        graph.setdefault(module_of(n), set()).add(module_of(h))
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(' ↔ '.join(sorted(component)))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def caught_in_a_made_tree():
    """The check itself can fail: a store file including the sync engine's header."""
    with tempfile.TemporaryDirectory() as root:
        for rel, text in (('src/sync/mc-sync-engine.h', '#pragma once\n'),
                          ('src/store/mc-store-x.c', '#include "mc-sync-engine.h"\n'),
                          ('src/core/mc-y.c', '#include "../store/mc-store-x.h"\n#include <sqlite3.h>\n')):
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), 'w', encoding='utf-8') as f:
                f.write(text)
        return len(check(root)) == 3


def circle_caught_in_a_made_tree():
    """And a circle: a.c includes b.h, b.c includes a-private.h (which is a's)."""
    with tempfile.TemporaryDirectory() as root:
        for rel, text in (('src/store/mc-a.h', '#pragma once\n'),
                          ('src/store/mc-a-private.h', '#include "mc-a.h"\n'),
                          ('src/store/mc-a.c', '#include "mc-b.h"\n'),
                          ('src/store/mc-b.h', '#pragma once\n'),
                          ('src/store/mc-b.c', '#include "mc-a-private.h"\n')):
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), 'w', encoding='utf-8') as f:
                f.write(text)
        return circles(root) == ['mc-a ↔ mc-b']


def main():
    problems = check(sys.argv[1])
    loops = circles(sys.argv[1])
    print('1..4')
    for p in problems:
        print('# ' + p)
    print(('not ok' if problems else 'ok') + ' 1 - every include stays within its layer or goes down')
    caught = caught_in_a_made_tree()
    print(('ok' if caught else 'not ok') + ' 2 - an upward include, a relative path and a foreign system header are caught')
    for loop in loops:
        print('# ' + loop)
    print(('not ok' if loops else 'ok') + ' 3 - no two modules include each other, directly or through others')
    caught_circle = circle_caught_in_a_made_tree()
    print(('ok' if caught_circle else 'not ok') + ' 4 - a circle through a private header is caught')
    return 0 if caught and caught_circle and not problems and not loops else 1


if __name__ == '__main__':
    sys.exit(main())
