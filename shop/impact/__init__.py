"""Impact for the Dinas Sosial: figures per province, region, craft and group read from the books and orders,
flags that say which groups to look at, server-drawn charts, exports, the quarterly report and admins' notes."""
