"""The base of every contract record: pydantic, fields in the JSON's key order.

In:  field values. Out: ``Record.plain()``, the JSON value: a field that defaults to None is
left out when it is None, a required one is written as null; keys are the aliases (``pass``,
``def``). Nothing is reported.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, model_serializer


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_by_name=True, serialize_by_alias=True)

    @model_serializer(mode="wrap")
    def _leave_out_absent(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for name, info in type(self).model_fields.items():
                key = info.alias or name
                if not info.is_required() and info.default is None and data.get(key) is None:
                    data.pop(key, None)
        return data

    def plain(self) -> Any:
        return self.model_dump(mode="python")
