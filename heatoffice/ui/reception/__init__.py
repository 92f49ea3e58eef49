"""The reception page: the new-application wizard, the list, the queues, the timeline."""
