"""Packaging for ektp-sched: every dependency declared here with a lower bound."""

from setuptools import find_packages, setup

setup(
    name="ektp-sched",
    version="0.1.0",
    description="Exact print scheduling for Indonesian e-KTP offices (CP-SAT and min-cost flow)",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    python_requires=">=3.11",
    packages=find_packages(include=["scheduler", "scheduler.*"]),
    # The ledger's Alembic migrations run from the installed package (office init/upgrade);
    # the translations are read from their .po files at run time (scheduler/i18n/catalog.py).
    package_data={"scheduler.office": ["migrations/script.py.mako"],
                  "scheduler": ["locale/*/LC_MESSAGES/*.po"]},
    install_requires=[
        "ortools>=9.10",
        "networkx>=3.2",
        "pandas>=2.1",
        "numpy>=1.26",
        "pyarrow>=14",
        "click>=8.1",
        "rich>=13",
        "openpyxl>=3.1",
        "matplotlib>=3.7",
        "distributed>=2024.1",
        "sqlalchemy>=2.0",
        "alembic>=1.12",
        "psycopg[binary]>=3.1",
        "babel>=2.12",
        # PDF print lists and work orders: drawn on reportlab's canvas (docs/supervisor.md).
        "reportlab>=4.0",
    ],
    extras_require={
        "test": [
            "pytest>=8",
            "hypothesis>=6.100",
            "ruff>=0.5",
            "mypy>=1.10",
            "pandas-stubs>=2.1",
            "pillow>=10",  # the PDF tests count ink on pages rendered by pdftoppm
        ],
    },
    entry_points={"console_scripts": ["ektp-sched=scheduler.cli:main"]},
)
