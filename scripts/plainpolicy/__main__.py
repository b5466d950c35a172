from plainpolicy.cli import run

run()
