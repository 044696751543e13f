"""Exporters: one module per format, all fed by the same ``Plan`` or ``Routine``. No UI imports."""
