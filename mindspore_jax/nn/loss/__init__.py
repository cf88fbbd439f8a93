"""nn.loss: collected by nn/__init__.py."""
