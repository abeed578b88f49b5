module github.com/rooscoach/rooscoach

go 1.26.8
