"""The sammantraden area of the reports layer.

kallelse       Kallelse med dagordning as PDF: förbund, organ, time and place, the numbered dagordning …
protocol       Sammanträdesprotokoll as PDF (ReportLab), laid out like the förbund's own protocols (seed 004).
protocol_blocks The protocol as blocks for the tagged pipeline (Typst); the draft protocol PDF.
protocol_data  The plain data a protocol PDF shows (built by DocumentsService.protocol_document).
"""
