/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "mc-calendar.h"
#include "mc-id.h"
#include "mc-lunar.h"
#include "mc-tsv.h"

/* The calendar of days off and extra working days, in three layers:
 *   1. rules: the public holidays of the Labour Code (art. 112), computed for any year, with
 *      the compensatory days for holidays that fall on a weekend;
 *   2. the official table (data/holidays.tsv): the government decides the actual days off and
 *      swaps for civil servants each year, so for the years it covers it replaces the rules
 *      entirely rather than being merged with them;
 *   3. this office's local edits, which win over both.
 * A day that no layer mentions is a working day from Monday to Friday. */

#define OFFICIAL_TABLE "/io/github/motcua/core/holidays.tsv"

struct _McCalendar
{
  GObject parent_instance;

  gboolean use_official;
  gboolean frozen;           /* the shared default calendar takes no local edits */
  GHashTable *official;      /* julian → McCalendarEntry */
  GHashTable *official_years;/* year → itself: the years the table covers */
  GHashTable *local;         /* julian → McCalendarEntry */

  /* Base entries (rules or official) by year, computed on first use. Lookups can come from
   * several threads (the sample generator, the sync engine), hence the lock. */
  GMutex lock;
  GHashTable *years;         /* year → GHashTable (julian → McCalendarEntry) */
};

G_DEFINE_FINAL_TYPE (McCalendar, mc_calendar, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *source_ids[] = {
  [MC_CALENDAR_SOURCE_RULE] = "rule",
  [MC_CALENDAR_SOURCE_OFFICIAL] = "official",
  [MC_CALENDAR_SOURCE_LOCAL] = "local",
};

static const char *kind_ids[] = {
  [MC_CALENDAR_DAY_OFF] = "off",
  [MC_CALENDAR_DAY_WORK] = "work",
  [MC_CALENDAR_DAY_NOT_OFF] = "not_off",
};

const char *
mc_calendar_source_id (McCalendarSource source)
{
  g_return_val_if_fail (source < G_N_ELEMENTS (source_ids), NULL);
  return source_ids[source];
}

const char *
mc_calendar_day_kind_id (McCalendarDayKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_ids), NULL);
  return kind_ids[kind];
}

/* Where an entry comes from, in words (the ids stay for --json and the database). */
const char *
mc_calendar_source_label (McCalendarSource source)
{
  switch (source)
    {
    /* TRANSLATORS: where a day off comes from: the holiday rules of the Labour Code */
    case MC_CALENDAR_SOURCE_RULE: return C_("calendar origin", "rule");
    /* TRANSLATORS: where a day off comes from: the government's announced table */
    case MC_CALENDAR_SOURCE_OFFICIAL: return C_("calendar origin", "official");
    /* TRANSLATORS: where a day off comes from: this office's own edit */
    case MC_CALENDAR_SOURCE_LOCAL:
    default: return C_("calendar origin", "local");
    }
}

const char *
mc_calendar_day_kind_label (McCalendarDayKind kind)
{
  switch (kind)
    {
    case MC_CALENDAR_DAY_OFF: return _("Day off");
    case MC_CALENDAR_DAY_WORK: return _("Extra working day");
    case MC_CALENDAR_DAY_NOT_OFF:
    default: return _("Working day (day off cancelled)");
    }
}

gboolean
mc_calendar_day_kind_from_id (const char        *id,
                              McCalendarDayKind *out_kind)
{
  int i = MC_ID_FIND (kind_ids, id);

  if (i >= 0)
    *out_kind = i;
  return i >= 0;
}

static McCalendarEntry *
entry_new (guint32            julian,
           McCalendarDayKind  kind,
           McCalendarSource   source,
           const char        *name)
{
  McCalendarEntry *e = g_new0 (McCalendarEntry, 1);

  g_date_clear (&e->date, 1);
  g_date_set_julian (&e->date, julian);
  e->kind = kind;
  e->source = source;
  e->name = g_strdup (name ? name : "");
  return e;
}

McCalendarEntry *
mc_calendar_entry_copy (const McCalendarEntry *entry)
{
  McCalendarEntry *copy = g_memdup2 (entry, sizeof *entry);

  copy->name = g_strdup (entry->name);
  return copy;
}

void
mc_calendar_entry_free (McCalendarEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry);
}

static GHashTable *
day_table_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) mc_calendar_entry_free);
}

#define JULIAN_KEY(j) GUINT_TO_POINTER (j)

/* GDate's julian day 1 is Monday 1 January of year 1. */
static gboolean
julian_is_weekend (guint32 julian)
{
  return (julian - 1) % 7 >= 5;
}

static guint32
julian_from_dmy (int day,
                 int month,
                 int year)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, month, year);
  return g_date_get_julian (&d);
}

/* ---- rules ---------------------------------------------------------------------------- */

typedef struct
{
  guint32 julian;
  char *name;
} Holiday;

static void
holiday_clear (gpointer data)
{
  g_free (((Holiday *) data)->name);
}

static gint
holiday_compare (gconstpointer a,
                 gconstpointer b)
{
  guint32 ja = ((const Holiday *) a)->julian, jb = ((const Holiday *) b)->julian;

  return ja < jb ? -1 : ja > jb;
}

static void
add_holiday (GArray     *holidays,
             guint32     julian,
             const char *msgid)
{
  Holiday h = { julian, g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid)) };

  g_array_append_val (holidays, h);
}

static guint32
lunar_julian (int year,
              int month,
              int day)
{
  McLunarDate lunar = { year, month, day, FALSE };
  int y, m, d;

  if (!mc_lunar_to_solar (&lunar, &y, &m, &d))
    return 0;
  return julian_from_dmy (d, m, y);
}

/* National Day has two days: 2/9 and one day next to it. The government picks the one that
 * makes the longest break: a weekday that touches the weekend (a Monday or a Friday) when
 * there is one; else a weekday; else 1/9. */
static guint32
national_day_extra (int year)
{
  guint32 candidates[] = { julian_from_dmy (1, 9, year), julian_from_dmy (3, 9, year) };
  int best = 0, best_score = -1;

  for (int i = 0; i < 2; i++)
    {
      guint32 j = candidates[i];
      int score = 0;

      if (!julian_is_weekend (j))
        score = (julian_is_weekend (j - 1) || julian_is_weekend (j + 1)) ? 2 : 1;
      if (score > best_score)
        {
          best = i;
          best_score = score;
        }
    }
  return candidates[best];
}

static gboolean
holiday_is_in (GArray  *holidays,
               guint32  julian)
{
  for (guint i = 0; i < holidays->len; i++)
    if (g_array_index (holidays, Holiday, i).julian == julian)
      return TRUE;
  return FALSE;
}

/* The Labour Code's holidays of @year, and a compensatory day for each one that falls on a
 * Saturday or Sunday: holidays that follow each other, or are separated only by a weekend,
 * form one period, and its compensatory days are the first working days after it (Tết 2027:
 * Friday 5 Feb to Tuesday 9 Feb with Saturday and Sunday inside, so Wednesday 10 and
 * Thursday 11 are off as well). */
static void
generate_rules (int         year,
                GHashTable *table)
{
  g_autoptr(GArray) holidays = g_array_new (FALSE, FALSE, sizeof (Holiday));
  g_autoptr(GArray) compensatory = g_array_new (FALSE, FALSE, sizeof (Holiday));
  guint32 tet = lunar_julian (year, 1, 1);
  guint32 gio_to = lunar_julian (year, 3, 10);

  g_array_set_clear_func (holidays, holiday_clear);
  g_array_set_clear_func (compensatory, holiday_clear);

  add_holiday (holidays, julian_from_dmy (1, 1, year), N_("New Year's Day"));
  if (tet != 0)
    for (int i = -1; i <= 3; i++)
      add_holiday (holidays, tet + i, N_("Lunar New Year (Tết)"));
  if (gio_to != 0)
    add_holiday (holidays, gio_to, N_("Hùng Kings' Commemoration Day"));
  add_holiday (holidays, julian_from_dmy (30, 4, year), N_("Reunification Day"));
  add_holiday (holidays, julian_from_dmy (1, 5, year), N_("International Labour Day"));
  add_holiday (holidays, julian_from_dmy (2, 9, year), N_("National Day"));
  add_holiday (holidays, national_day_extra (year), N_("National Day"));
  if (year >= 2026)
    add_holiday (holidays, julian_from_dmy (24, 11, year), N_("Vietnamese Culture Day"));
  g_array_sort (holidays, holiday_compare);

  for (guint start = 0, end; start < holidays->len; start = end)
    {
      const char *weekend_name = NULL;
      guint n_weekend = 0;
      guint32 day;

      for (end = start; end < holidays->len; end++)
        {
          guint32 j = g_array_index (holidays, Holiday, end).julian;
          gboolean joined = TRUE;

          if (end > start)
            for (guint32 k = g_array_index (holidays, Holiday, end - 1).julian + 1; k < j; k++)
              joined &= julian_is_weekend (k);
          if (!joined)
            break;
          if (julian_is_weekend (j))
            {
              n_weekend++;
              weekend_name = weekend_name ? weekend_name : g_array_index (holidays, Holiday, end).name;
            }
        }

      day = g_array_index (holidays, Holiday, end - 1).julian + 1;
      while (n_weekend > 0)
        {
          if (!julian_is_weekend (day) && !holiday_is_in (holidays, day) && !holiday_is_in (compensatory, day))
            {
              /* TRANSLATORS: %s is the name of the holiday that fell on a weekend */
              Holiday h = { day, g_strdup_printf (_("Compensatory day off for %s"), weekend_name) };
              g_array_append_val (compensatory, h);
              n_weekend--;
            }
          day++;
        }
    }

  for (guint i = 0; i < holidays->len; i++)
    {
      Holiday *h = &g_array_index (holidays, Holiday, i);

      if (!g_hash_table_contains (table, JULIAN_KEY (h->julian)))
        g_hash_table_insert (table, JULIAN_KEY (h->julian),
                             entry_new (h->julian, MC_CALENDAR_DAY_OFF, MC_CALENDAR_SOURCE_RULE, h->name));
    }
  for (guint i = 0; i < compensatory->len; i++)
    {
      Holiday *h = &g_array_index (compensatory, Holiday, i);

      g_hash_table_insert (table, JULIAN_KEY (h->julian),
                           entry_new (h->julian, MC_CALENDAR_DAY_OFF, MC_CALENDAR_SOURCE_RULE, h->name));
    }
}

/* ---- the official table ----------------------------------------------------------------- */

/* The table is compiled into the core: a broken one is a build error, so it aborts. */
static void
load_official (McCalendar *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = mc_tsv_load_resource (OFFICIAL_TABLE, 3, &error);

  if (rows == NULL)
    g_error ("holiday table: %s", error->message);
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);
      McCalendarDayKind kind;
      int y, m, d;
      guint32 julian;

      if (sscanf (f[0], "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y) ||
          !mc_calendar_day_kind_from_id (f[1], &kind) || kind == MC_CALENDAR_DAY_NOT_OFF)
        g_error ("holiday table: bad row “%s %s”", f[0], f[1]);
      julian = julian_from_dmy (d, m, y);
      g_hash_table_insert (self->official, JULIAN_KEY (julian),
                           entry_new (julian, kind, MC_CALENDAR_SOURCE_OFFICIAL, f[2]));
      g_hash_table_add (self->official_years, GINT_TO_POINTER (y));
    }
}

/* ---- the object ----------------------------------------------------------------------- */

static void
mc_calendar_finalize (GObject *object)
{
  McCalendar *self = MC_CALENDAR (object);

  g_clear_pointer (&self->official, g_hash_table_unref);
  g_clear_pointer (&self->official_years, g_hash_table_unref);
  g_clear_pointer (&self->local, g_hash_table_unref);
  g_clear_pointer (&self->years, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (mc_calendar_parent_class)->finalize (object);
}

static void
mc_calendar_class_init (McCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mc_calendar_finalize;

  /* Emitted when a local edit changes which days are working days: due dates shown from
   * this calendar must be recomputed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mc_calendar_init (McCalendar *self)
{
  self->official = day_table_new ();
  self->official_years = g_hash_table_new (NULL, NULL);
  self->local = day_table_new ();
  self->years = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  g_mutex_init (&self->lock);
}

/* Returns: (transfer full): the rules, the official table, and no local edits yet. */
McCalendar *
mc_calendar_new (void)
{
  McCalendar *self = g_object_new (MC_TYPE_CALENDAR, NULL);

  self->use_official = TRUE;
  load_official (self);
  return self;
}

/* Returns: (transfer full): the rules alone, for every year (to see what the rules give for
 * a year the official table covers). */
McCalendar *
mc_calendar_new_rules_only (void)
{
  return g_object_new (MC_TYPE_CALENDAR, NULL);
}

/* Returns: (transfer none): the process-wide calendar without local edits, for code that has
 * no profile at hand (the sample generator). It refuses local edits. */
McCalendar *
mc_calendar_get_default (void)
{
  static gsize initialized;
  static McCalendar *calendar;

  if (g_once_init_enter (&initialized))
    {
      calendar = mc_calendar_new ();
      calendar->frozen = TRUE;
      g_once_init_leave (&initialized, 1);
    }
  return calendar;
}

/* Called with the lock held. */
static GHashTable *
base_year (McCalendar *self,
           int         year)
{
  GHashTable *table = g_hash_table_lookup (self->years, GINT_TO_POINTER (year));

  if (table != NULL)
    return table;

  table = day_table_new ();
  if (self->use_official && g_hash_table_contains (self->official_years, GINT_TO_POINTER (year)))
    {
      GHashTableIter iter;
      McCalendarEntry *e;

      g_hash_table_iter_init (&iter, self->official);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
        if (g_date_get_year (&e->date) == year)
          g_hash_table_insert (table, JULIAN_KEY (g_date_get_julian (&e->date)), mc_calendar_entry_copy (e));
    }
  else if (year >= MC_LUNAR_FIRST_YEAR && year <= MC_LUNAR_LAST_YEAR)
    generate_rules (year, table);
  g_hash_table_insert (self->years, GINT_TO_POINTER (year), table);
  return table;
}

/* Returns: (transfer full) (nullable): the entry that decides @date — the local edit if there
 * is one, else the rule or official entry — or NULL for an ordinary day. */
McCalendarEntry *
mc_calendar_get_entry (McCalendar  *self,
                       const GDate *date)
{
  guint32 julian;
  McCalendarEntry *e;
  McCalendarEntry *result = NULL;

  g_return_val_if_fail (MC_IS_CALENDAR (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  julian = g_date_get_julian (date);
  g_mutex_lock (&self->lock);
  e = g_hash_table_lookup (self->local, JULIAN_KEY (julian));
  if (e == NULL)
    e = g_hash_table_lookup (base_year (self, g_date_get_year (date)), JULIAN_KEY (julian));
  if (e != NULL)
    result = mc_calendar_entry_copy (e);
  g_mutex_unlock (&self->lock);
  return result;
}

gboolean
mc_calendar_is_working_day (McCalendar  *self,
                            const GDate *date)
{
  guint32 julian;
  McCalendarEntry *e;
  gboolean working;

  g_return_val_if_fail (MC_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  julian = g_date_get_julian (date);
  working = !julian_is_weekend (julian);
  g_mutex_lock (&self->lock);
  e = g_hash_table_lookup (self->local, JULIAN_KEY (julian));
  if (e == NULL)
    e = g_hash_table_lookup (base_year (self, g_date_get_year (date)), JULIAN_KEY (julian));
  if (e != NULL && e->kind != MC_CALENDAR_DAY_NOT_OFF)
    working = e->kind == MC_CALENDAR_DAY_WORK;
  g_mutex_unlock (&self->lock);
  return working;
}

static gint
entry_compare (gconstpointer a,
               gconstpointer b)
{
  const McCalendarEntry *ea = *(McCalendarEntry * const *) a;
  const McCalendarEntry *eb = *(McCalendarEntry * const *) b;

  return g_date_compare (&ea->date, &eb->date);
}

/* Returns: (transfer full) (element-type McCalendarEntry): the days off and extra working days
 * of @year in date order, each from the layer that decides it. A local "not off" entry is
 * listed too (named after the entry it cancels when it has no name of its own), so that an
 * official can see and undo it. */
GPtrArray *
mc_calendar_list_year (McCalendar *self,
                       int         year)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_calendar_entry_free);
  GHashTable *base;
  GHashTableIter iter;
  McCalendarEntry *e;

  g_return_val_if_fail (MC_IS_CALENDAR (self), entries);

  g_mutex_lock (&self->lock);
  base = base_year (self, year);
  g_hash_table_iter_init (&iter, base);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    if (!g_hash_table_contains (self->local, JULIAN_KEY (g_date_get_julian (&e->date))))
      g_ptr_array_add (entries, mc_calendar_entry_copy (e));

  g_hash_table_iter_init (&iter, self->local);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    if (g_date_get_year (&e->date) == year)
      {
        McCalendarEntry *copy = mc_calendar_entry_copy (e);
        McCalendarEntry *cancelled = g_hash_table_lookup (base, JULIAN_KEY (g_date_get_julian (&e->date)));

        if (copy->name[0] == '\0' && cancelled != NULL)
          {
            g_free (copy->name);
            copy->name = g_strdup (cancelled->name);
          }
        g_ptr_array_add (entries, copy);
      }
  g_mutex_unlock (&self->lock);

  g_ptr_array_sort (entries, entry_compare);
  return entries;
}

/* Replaces any local edit of @date. */
void
mc_calendar_set_local (McCalendar        *self,
                       const GDate       *date,
                       McCalendarDayKind  kind,
                       const char        *name)
{
  guint32 julian;

  g_return_if_fail (MC_IS_CALENDAR (self));
  g_return_if_fail (!self->frozen);
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (kind < G_N_ELEMENTS (kind_ids));

  julian = g_date_get_julian (date);
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->local, JULIAN_KEY (julian),
                        entry_new (julian, kind, MC_CALENDAR_SOURCE_LOCAL, name));
  g_mutex_unlock (&self->lock);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Returns: whether @date had a local edit. */
gboolean
mc_calendar_remove_local (McCalendar  *self,
                          const GDate *date)
{
  gboolean removed;

  g_return_val_if_fail (MC_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (!self->frozen, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  g_mutex_lock (&self->lock);
  removed = g_hash_table_remove (self->local, JULIAN_KEY (g_date_get_julian (date)));
  g_mutex_unlock (&self->lock);
  if (removed)
    g_signal_emit (self, signals[CHANGED], 0);
  return removed;
}

void
mc_calendar_clear_local (McCalendar *self)
{
  guint n;

  g_return_if_fail (MC_IS_CALENDAR (self));
  g_return_if_fail (!self->frozen);

  g_mutex_lock (&self->lock);
  n = g_hash_table_size (self->local);
  g_hash_table_remove_all (self->local);
  g_mutex_unlock (&self->lock);
  if (n > 0)
    g_signal_emit (self, signals[CHANGED], 0);
}
