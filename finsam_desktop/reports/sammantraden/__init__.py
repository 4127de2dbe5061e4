"""The sammantraden area of the reports layer.

kallelse       Kallelse med dagordning as PDF: förbund, organ, time and place, the numbered dagordning …
protocol       Sammanträdesprotokoll as PDF, laid out like the förbund's own protocols (seed 004).
protocol_data  The plain data a protocol PDF shows (built by DocumentsService.protocol_document).
"""
