"""Words for what the engine computes beyond the turn itself: the budget, the agenda, the staff
forecast, the ending's result and why it came. Pure functions from engine objects to text,
shared by the full-screen game, plain mode and the reports (no Textual, no printing)."""
