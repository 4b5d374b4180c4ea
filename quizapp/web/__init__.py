"""Request glue: who is asking and the guards (identity), blueprint registration and error pages
(blueprints), language, number formats, security headers, input checks, shared forms, labels
and charts."""
