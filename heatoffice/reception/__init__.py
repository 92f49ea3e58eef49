"""Business reception (业务受理): applications, document checklists, review and forwarding."""
