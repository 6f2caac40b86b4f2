module acme.dev/api

go 1.22
