"""Question files: validation, loading into the database, and quote anchoring."""
from .errors import BankError, BankValidationError
from .loader import load_document, load_path, read_documents

__all__ = ["BankError", "BankValidationError", "load_document", "load_path", "read_documents"]
