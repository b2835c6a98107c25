"""Anonymous evaluation surveys: questionnaires before, during and after the convention."""
