print(__debug__)
del __debug__
