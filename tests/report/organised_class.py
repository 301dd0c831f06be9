"""The organised class of tests/report/conftest.py: its teams, group and teacher's question."""

from __future__ import annotations

HOSTILE = "<script>alert(1)</script> & co"
QUESTION = "Was <b>Beijing</b> the key?"
TEAMS = {"Washington A": "us", "Washington B": "us", "Moscow A": "russia", HOSTILE: "russia"}


def roster(names: list[str]) -> str:
    text = ""
    for k, (team, role) in enumerate(TEAMS.items()):
        members = ", ".join(f'"{n}"' for n in names[k::4])
        text += f'\n[[assign]]\nteam = "{team}"\nrole = "{role}"\nstudents = [{members}]\n'
    text += (
        '\n[[group]]\nname = "B: Beijing restrains"\nteams = ["Washington B", "'
        + HOSTILE
        + '"]\nassumptions = { china_restrains = true }\n'
    )
    return text
