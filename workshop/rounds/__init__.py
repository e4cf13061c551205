"""A session's rounds as the room sees them: live state from the event log and round results."""
