"""A docstring, then a statement, then a late future import."""
import sys
from __future__ import annotations
