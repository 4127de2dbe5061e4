"""Reports: PDFs (ReportLab), workbooks (openpyxl), calendars (iCalendar) from plain data. No Qt."""
