"""面积测量: joint measurement records of heating area, the area rules, review and application."""
