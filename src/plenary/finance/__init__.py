"""The Convention's finances (MISSION row 20): cost estimates of meetings from dated rates, assessed
contributions by the adjusted UN scale, invoices, payments, credits, arrears, the Working Capital Fund."""
