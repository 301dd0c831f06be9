"""Browser play (`korean-theater serve`): the web server, the page, the zygote that forks a game
for each browser, and the teacher's live view."""
