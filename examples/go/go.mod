module taizhang.example/monthly

go 1.19
