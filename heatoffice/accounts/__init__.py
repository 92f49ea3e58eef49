"""Customer accounts (热用户): the register, status history and search."""
