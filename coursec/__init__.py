"""coursec: a static compiler from Markdown courses to SCORM 1.2, SCORM 2004 and web packages."""

__version__ = "0.1.0"
