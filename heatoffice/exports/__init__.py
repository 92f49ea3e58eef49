"""Documents for other programs and for paper: Excel workbooks and PDF documents."""
