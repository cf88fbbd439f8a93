"""nn.optim: collected by nn/__init__.py."""
