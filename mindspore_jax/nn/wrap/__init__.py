"""nn.wrap: collected by nn/__init__.py."""
