"""Source readers, one module per publisher format; ``SOURCES`` is the registry."""
