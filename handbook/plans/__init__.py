"""Personal course plans: ``schedule`` dates the sessions, ``document`` renders a plan,
``single`` makes one, ``batch`` makes one per row of a CSV (``csv_rows``) into files
named by ``naming``, on the same worker pool as the handbook.
"""
