"""plainpolicy's benchmark: checker and build speed, side by side with the alternatives.

    python -m plainpolicy_bench [--pairs 100,1000] [--repeat N] [--quick] [--output FILE]

Modules, one job each:
    corpus      synthetic two-voice knowledge bases (seeded, deterministic)
    procs       running a child process: wall time and its own peak memory
    inprocess   checker, textstat and proselint throughput in this process
    processes   cold start, mkdocs build and serve, checker memory (subprocesses)
    machine     the machine and package versions
    table       the one table of results
    run         putting it together (and the command line, in __main__)
"""
