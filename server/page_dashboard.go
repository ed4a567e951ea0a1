package server

func (s *Server) dashboardPages() []pageRoute { return nil }
