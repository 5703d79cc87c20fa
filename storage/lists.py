"""``column IN (list)`` as one statement whatever the list's length.

An expanding ``IN`` renders one placeholder per item, so every length of list is another SQL
text: on PostgreSQL another prepared statement (asyncpg prepares each new text, a round trip and
server work, and keeps a hundred per connection). There the list goes as one array parameter,
``column = ANY(:name)``, one text for every length. SQLite has no arrays: it keeps the expanding
``IN``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal, _TraverseInternalsType


class InList(ColumnElement[bool]):
    """True where ``column`` is one of the list given at execution as parameter ``name``."""

    inherit_cache = True
    type = Boolean()
    _is_implicitly_boolean = True  # a comparison: no "= 1" on dialects without booleans
    _traverse_internals: _TraverseInternalsType = [  # noqa: RUF012 (SQLAlchemy reads it so)
        ("column", InternalTraversal.dp_clauseelement),
        ("name", InternalTraversal.dp_string),
    ]

    def __init__(self, column: ColumnElement[Any], name: str) -> None:
        self.column = column
        self.name = name


def in_list(column: ColumnElement[Any], name: str) -> InList:
    """``column IN :name`` (a list bound at execution; see the module's docstring)."""
    return InList(column, name)


@compiles(InList)
def _expanding(element: InList, compiler: SQLCompiler, **kw: Any) -> str:
    clause = element.column.in_(bindparam(element.name, expanding=True))
    return str(compiler.process(clause, **kw))


@compiles(InList, "postgresql")
def _array(element: InList, compiler: SQLCompiler, **kw: Any) -> str:
    array = bindparam(element.name, type_=ARRAY(element.column.type))
    return str(compiler.process(element.column == any_(array), **kw))
