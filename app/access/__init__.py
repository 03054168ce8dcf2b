"""Who may write: API keys and per-key rate limits."""
