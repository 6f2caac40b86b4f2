module example.com/catalog

go 1.21.5

toolchain go1.22.3

require (
	github.com/gin-gonic/gin v1.10.0
)
