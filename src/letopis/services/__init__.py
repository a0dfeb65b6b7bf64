"""Use cases the faces (the command line, later a web app) call instead of reading the database themselves."""
