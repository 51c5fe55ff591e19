"""Everything that touches the outside world: storage, Teams, the web, exports."""
