"""Development tools of the checkout (not part of the installed game)."""
