"""Deterministic demo-district files following the district data-file contract.

Public interface::

    from districtwise.demo.files import generate_district_files, DemoSize, SIZES
"""

from districtwise.demo.files.generate import SIZES, DemoSize, generate_district_files

__all__ = ["SIZES", "DemoSize", "generate_district_files"]
