"""The domain: content, matching and the rules of every flow. No Teams, HTTP or SQL here."""
