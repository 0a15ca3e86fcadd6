"""The base of every contract record: pydantic, fields in the JSON's key order.

In:  field values. Out: ``Record.plain()``, the JSON value: a field that defaults to None is
left out when it is None, a required one is written as null; keys are the aliases (``pass``,
``def``); ``plain(done)`` the same with some fields' JSON values given (parts several records
share, dumped once). Nothing is reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, model_serializer
from pydantic.fields import FieldInfo


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_by_name=True, serialize_by_alias=True)

    @model_serializer(mode="wrap")
    def _leave_out_absent(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for name, info in type(self).model_fields.items():
                key = info.alias or name
                if _absent_when_none(info) and data.get(key) is None:
                    data.pop(key, None)
        return data

    def plain(self, done: Mapping[str, Any] | None = None) -> Any:
        """The JSON value; ``done``: the JSON values of some fields (by field name), known
        already: those fields are not dumped again."""
        if not done:
            return self.model_dump(mode="python")
        rest = self.model_dump(mode="python", exclude=set(done))
        out: dict[str, Any] = {}
        for name, info in type(self).model_fields.items():
            key = info.alias or name
            if name not in done:
                if key in rest:
                    out[key] = rest[key]
            elif done[name] is not None or not _absent_when_none(info):
                out[key] = done[name]
        return out


def _absent_when_none(info: FieldInfo) -> bool:
    """A field that defaults to None: left out of the JSON when it is None."""
    return not info.is_required() and info.default is None
