from codev.cli import cli

cli(prog_name="codev")
