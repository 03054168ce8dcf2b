"""The registries beside the positions: leaders, topics, events and their documents."""
