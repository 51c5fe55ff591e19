"""The Bot Framework glue: adapter, auth, HTTP edge, bot-state storage. The SDK stays in here."""
