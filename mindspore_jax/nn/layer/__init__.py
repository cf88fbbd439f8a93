"""nn.layer: collected by nn/__init__.py."""
