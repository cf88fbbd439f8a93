"""C++ sources and the builder behind ops.Custom (AOT kernels) and device plug-in kernels."""
