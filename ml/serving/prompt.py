"""The chat prompt for the ``tip-generator`` alias.

The context is described in words and rounded numbers, never as raw JSON: small models follow a
short situation report better. Task titles, when the caller sends them, are the only personal
text in the prompt; they live in this request and nowhere else.
"""

from typing import Dict, List, Mapping, Optional, Sequence

from .features import number
from .vocabulary import CATEGORIES, MAX_TEXT_CHARS

MAX_TITLES = 10
MAX_TITLE_CHARS = 80

_SYSTEM = (
    "You write short personal tips for one person. The app shows a single tip at a time on a black "
    "page, so every tip must stand alone: concrete, kind, doable now, at most {max_chars} characters, "
    "no emojis, no hashtags. A tip is either an \"advice\" or a \"todo\" (a concrete action on the "
    "person's tasks or day). Each tip has one category among: {categories}. Propose {count} tips that "
    "differ from each other, the most helpful first. {language}Answer with JSON only, no prose: "
    '{{"candidates": [{{"text": "...", "kind": "advice", "category": "break"}}]}}'
)


def _situation(context: Mapping[str, object]) -> List[str]:
    lines = []
    hour = number(context, "localHour")
    weekday = int(number(context, "weekday"))
    if hour or weekday:
        day = f", ISO weekday {weekday}" if 1 <= weekday <= 7 else ""
        lines.append(f"local time about {int(hour) % 24:02d}:00{day}")
    described = (
        ("tasksOverdue", "overdue tasks: {:.0f}"),
        ("tasksDueToday", "tasks due today: {:.0f}"),
        ("taskCompletionRate7d", "share of tasks completed in the last 7 days: {:.0%}"),
        ("busyHoursToday", "hours of calendar events today: {:.1f}"),
        ("minutesToNextFreeSlot", "minutes until the next free slot: {:.0f}"),
        ("moodMean7d", "mean mood over 7 days (1 low to 5 high): {:.1f}"),
        ("moodTrend7d", "mood trend over 7 days: {:+.1f}"),
        ("habitStreakMax", "longest current habit streak: {:.0f} days"),
        ("hoursSinceLastTip", "hours since the last tip: {:.0f}"),
    )
    for name, template in described:
        value = number(context, name)
        if value:
            lines.append(template.format(value))
    return lines


def clean_titles(task_titles: Optional[Sequence[str]]) -> List[str]:
    titles = []
    for title in task_titles or ():
        cleaned = " ".join(str(title).split())[:MAX_TITLE_CHARS]
        if cleaned:
            titles.append(cleaned)
        if len(titles) >= MAX_TITLES:
            break
    return titles


def build_messages(
    context: Mapping[str, object],
    task_titles: Optional[Sequence[str]],
    count: int,
    locale: Optional[str],
) -> List[Dict[str, str]]:
    language = f"Write in the language of the locale {locale}. " if locale else ""
    system = _SYSTEM.format(
        max_chars=MAX_TEXT_CHARS,
        categories=", ".join(CATEGORIES),
        count=count,
        language=language,
    )
    situation = _situation(context) or ["nothing special is known right now"]
    user = "The person's situation:\n" + "\n".join(f"- {line}" for line in situation)
    titles = clean_titles(task_titles)
    if titles:
        user += "\nSome of their open tasks (you may name one in a todo):\n" + "\n".join(f"- {t}" for t in titles)
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]
