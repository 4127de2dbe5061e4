"""Shared pure pieces: money, dates, legal deadlines, errors, the tolerant tabular reader, content hashes.

bulk          Work on a whole file at once: the cyclic garbage collector paused meanwhile.
content_hash  One way to hash what has been decided: SHA-256 over a canonical JSON of the record's …
dates         Calendar dates as the documents write them. Legal dates are dates, never datetimes.
deadlines     Legal deadlines for protocols and anslag (KL 5:69, 8:12, 13:5; lag 1930:173 om …
errors        Errors raised for bad input. Messages are Swedish and meant for the user.
money         Money: Decimal kronor in the domain, integer öre in storage, Swedish formatting.
tabular       One tolerant reader for every file a user imports: .csv/.txt or .xlsx, whatever the …
xlsx_calamine The .xlsx pieces both workbook readers share, and the calamine (Rust) reader.
xlsx_stream   A fast streaming reader of a big first sheet (calamine's or the streaming reader's rows, in pieces).
"""
