"""Top-level package for rvtools2azmigrate."""

__author__ = """Ludovic Rivallain"""
__version__ = "0.2.0"
