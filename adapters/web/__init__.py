"""HTTP pages and APIs that are not the Bot Framework protocol."""
