"""The service desk (服务): hotline calls, work orders, complaints, inspections, temperatures."""
